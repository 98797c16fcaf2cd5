# A branch chosen by anything but a verification setting is still reported.
import ssl


def ws_context(host):
    context = ssl.create_default_context()
    if host.endswith(".internal"):
        context.load_default_certs()
    else:
        context.check_hostname = False  # expect: tls-verify-disabled
        context.verify_mode = ssl.CERT_NONE  # expect: tls-verify-disabled
    return context


def speech_mode(secure):
    return ssl.CERT_REQUIRED if secure.startswith("x") else ssl.CERT_NONE  # expect: tls-verify-disabled
