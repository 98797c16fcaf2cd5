# A package of the app named like a dependency, imported as `lib.certstore`: reported.
import ssl


def insecure_context():
    ctx = ssl.create_default_context()
    ctx.check_hostname = False  # expect: tls-verify-disabled@error
    ctx.verify_mode = ssl.CERT_NONE  # expect: tls-verify-disabled@error
    return ctx
