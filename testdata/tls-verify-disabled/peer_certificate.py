# Reading the certificate a server presents needs a connection that accepts any: quiet.
# The same context in a function that sends data is reported.
import socket
import ssl

CERT_NONE = 0


def fetch_certificate(host, port=443):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with socket.create_connection((host, port)) as sock:
        with context.wrap_socket(sock, server_hostname=host) as tls:
            return tls.getpeercert(binary_form=True)


def post_report(host, body):
    context = ssl.create_default_context()
    context.check_hostname = False  # expect: tls-verify-disabled
    context.verify_mode = ssl.CERT_NONE  # expect: tls-verify-disabled
    with socket.create_connection((host, 443)) as sock:
        with context.wrap_socket(sock, server_hostname=host) as tls:
            tls.sendall(body)
