/*! our dashboard */
// Browser code sends its keys to every visitor, so a named key is public by design; a
// secret-format token in it is still a leak.
const searchKey = 'k9Qz7Lm2Xw4Rt8Vb';
const stripeKey = 'sk_live_51HqLyjWDarjtT1zdp7dcAbCd'; // expect: hardcoded-secret
