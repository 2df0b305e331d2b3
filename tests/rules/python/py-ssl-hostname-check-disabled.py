"""Fixtures for py-ssl-hostname-check-disabled."""
import socket
import ssl

import urllib3
import websocket

CA_FILE = "/etc/ssl/certs/internal-ca.pem"


def insecure_context():
    ctx = ssl.create_default_context()
    # ruleid: py-ssl-hostname-check-disabled
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


class Conn:
    def __init__(self):
        self.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        # ruleid: py-ssl-hostname-check-disabled
        self.ctx.check_hostname = False


def pools():
    # ruleid: py-ssl-hostname-check-disabled
    pool = urllib3.HTTPSConnectionPool("api.internal", 443, assert_hostname=False)
    # ruleid: py-ssl-hostname-check-disabled
    ws = websocket.create_connection("wss://api.internal/ws", sslopt={"check_hostname": False})
    sslopt = {
        "cert_reqs": ssl.CERT_REQUIRED,
        # ruleid: py-ssl-hostname-check-disabled
        'check_hostname': False,
    }
    return pool, ws, sslopt


# --- negatives -------------------------------------------------------------

def safe(host: str):
    ctx = ssl.create_default_context(cafile=CA_FILE)
    # ok: py-ssl-hostname-check-disabled
    ctx.check_hostname = True
    # ok: py-ssl-hostname-check-disabled
    pool = urllib3.HTTPSConnectionPool(host, 443, assert_hostname="api.internal")
    # ok: py-ssl-hostname-check-disabled
    ws = websocket.create_connection("wss://api.internal/ws", sslopt={"check_hostname": True})
    # ok: py-ssl-hostname-check-disabled
    enabled = ctx.check_hostname == False
    # ok: py-ssl-hostname-check-disabled
    help_text = "set ctx.check_hostname = False only in tests"
    # ok: py-ssl-hostname-check-disabled
    sock = ctx.wrap_socket(socket.socket(), server_hostname=host)
    return pool, ws, enabled, help_text, sock
