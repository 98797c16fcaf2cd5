# The same values in served code are reported.
EXPORT_SIGNING_SECRET = "0f9d7c5b3a1e2468ace13579bdf02468"  # expect: hardcoded-secret
