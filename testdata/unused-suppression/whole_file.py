# backlint-ignore-file tls-verify-disabled -- this module talks to lab devices with self-signed certs
import requests


def poll(device_url):
    return requests.get(device_url, verify=False, timeout=5)


def reset(device_url):
    return requests.post(device_url + "/reset", verify=False, timeout=5)
