/*! our dashboard */
const apiKey = 'k9Qz7Lm2Xw4Rt8Vb'; // expect: hardcoded-secret
