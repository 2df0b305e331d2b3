"""A deploy key of the server's git-sync tool (fake)."""

# ruleid: secret-private-key
DEPLOY_KEY = """-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
9egjPgac/3Ivsx69puBYyuMUO0T1DFH5mS3uja+77G614gyT4QWWQ09rMC7ZHJWH8LrG+/
bzkA+yU5xVQi/0ZE/mx9709KaDJEfTRaqxL24MV4jmCGvsQIFIhOFoZans6i9OkF9llQZM
k5iPi4Zuwazmh20WF/9xWxlux2cO7dfzMoM9ZgEYdeUxKweLYFktVOhboTBxCRCJIsvHpb
0zp7EZDTFpH9Ml65Z1C9gef7WGIpVI/a++23l5uhCktlr0yBzRzptC8R4EL4BZohBXGCuh
sZhvs0QtChP3MFqtHv43iEF83REuBUbAGJR4njVnWB686OyG1S4JPGDX2Z8INDTAfaJhDM
Cwt2t2QD/jOxxE7BDuqpAoLeP2pVEOB38omkcK2HyzB0bExAE3
-----END OPENSSH PRIVATE KEY-----
"""

# ok: secret-private-key
PUBLIC_KEY = "ssh-ed25519 oc/8c9ipO3GIbiNaV0Ld+NGwArNhm6MbLNjN9OSejaVcR9nYg0MwQkeGKFnWy4J+sn/R deploy@mcp"
