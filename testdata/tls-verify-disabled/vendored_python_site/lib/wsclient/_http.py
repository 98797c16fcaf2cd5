# Bundled with the app's other dependencies in lib/: a library option, not the app's choice.
import ssl


def wrap(sock, sslopt):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if sslopt.get("cert_reqs", ssl.CERT_NONE) == ssl.CERT_NONE:
        context.check_hostname = False
    return context.wrap_socket(sock)
