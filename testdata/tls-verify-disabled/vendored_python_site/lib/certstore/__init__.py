# A copy of a third-party package the app lists in requirements.txt: its authors own it.
import ssl


def insecure_context():
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx
