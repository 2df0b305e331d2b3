"""Fixtures for py-ssl-cert-none."""
import socket
import ssl
from ssl import CERT_NONE

import urllib3
import websocket

CA_FILE = "/etc/ssl/certs/internal-ca.pem"


def insecure_context():
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    # ruleid: py-ssl-cert-none
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


class Client:
    def __init__(self):
        self.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        # ruleid: py-ssl-cert-none
        self.ctx.verify_mode = CERT_NONE


def pools(sock: socket.socket):
    # ruleid: py-ssl-cert-none
    http = urllib3.PoolManager(cert_reqs="CERT_NONE")
    # ruleid: py-ssl-cert-none
    http2 = urllib3.PoolManager(
        num_pools=4,
        cert_reqs='NONE',
    )
    # ruleid: py-ssl-cert-none
    wrapped = ssl.wrap_socket(sock, cert_reqs=ssl.CERT_NONE)
    # ruleid: py-ssl-cert-none
    ws = websocket.create_connection("wss://api.internal/ws", sslopt={"cert_reqs": ssl.CERT_NONE})
    # ruleid: py-ssl-cert-none
    ctx = ssl.SSLContext(); ctx.verify_mode = ssl.VerifyMode.CERT_NONE
    return http, http2, wrapped, ws, ctx


# --- negatives -------------------------------------------------------------

def safe(sock: socket.socket):
    ctx = ssl.create_default_context(cafile=CA_FILE)
    # ok: py-ssl-cert-none
    ctx.verify_mode = ssl.CERT_REQUIRED
    # ok: py-ssl-cert-none
    http = urllib3.PoolManager(cert_reqs="CERT_REQUIRED", ca_certs=CA_FILE)
    # ok: py-ssl-cert-none
    wrapped = ctx.wrap_socket(sock, server_hostname="api.internal")
    # ok: py-ssl-cert-none
    insecure = ctx.verify_mode == ssl.CERT_NONE
    # ok: py-ssl-cert-none
    opts = {"cert_reqs": ssl.CERT_REQUIRED}
    # ok: py-ssl-cert-none
    doc = "never set verify_mode = ssl.CERT_NONE"
    return http, wrapped, insecure, opts, doc
