# The switch follows a verification setting the operator or the caller chose: quiet, in
# whichever branch or value of the condition it sits.
import ssl


def ldap_tls(config):
    validate = ssl.CERT_REQUIRED if config.verify_cert else ssl.CERT_NONE
    return validate


def dot_context(verify=True):
    context = ssl.create_default_context()
    if verify is False:
        context.verify_mode = ssl.CERT_NONE
    return context


def smtp_context(settings):
    context = ssl.create_default_context()
    if settings.ssl_verify:
        context.load_default_certs()
    else:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context
