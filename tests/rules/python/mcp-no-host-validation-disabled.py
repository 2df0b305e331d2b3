from mcp.server.fastmcp import FastMCP
from mcp.server.transport_security import TransportSecuritySettings

mcp = FastMCP(
    "files",
    transport_security=TransportSecuritySettings(
        # ruleid: mcp-no-host-validation
        enable_dns_rebinding_protection=False,
    ),
)
# ok: mcp-no-host-validation
mcp.run(transport="streamable-http")
