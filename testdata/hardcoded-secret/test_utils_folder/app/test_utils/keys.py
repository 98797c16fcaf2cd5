# Signing material of the export tests, in the project's shared test helpers.
EXPORT_TEST_SIGNING_SECRET = "0f9d7c5b3a1e2468ace13579bdf02468"
EXPORT_TEST_PRIVATE_KEY = """-----BEGIN RSA PRIVATE KEY-----
MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu
KUpRKfFLfRYC9AIKjbJTWit+CqvjWYzvQwECAwEAAQJAIJLixBy2qpFoS4DSmoEm
-----END RSA PRIVATE KEY-----"""
