"""A small HTTPS client of the sample's token services, for the load scripts (only Python's standard library).

As a program, the steps refresh-benchmark.sh needs:
  python3 jwtauth_client.py signin BASE USER COUNT   # COUNT body-mode sign-ins: their refresh tokens, one a line
  python3 jwtauth_client.py body BASE TOKEN COUNT    # COUNT body-mode refreshes of TOKEN (not rotated)
  python3 jwtauth_client.py chain BASE TOKEN COUNT   # COUNT cookie-mode refreshes, each with the successor of the last
BASE is e.g. https://localhost:9443 (the sample's self-signed certificate is not checked). Exits 1 on any answer
that is not 200.
"""
import http.client
import json
import ssl
import sys
import urllib.parse

PASSWORD = "jwtauth-demo"  # the sample's demo users (DemoUsers.java)


class Client:
    """One keep-alive connection to BASE."""

    def __init__(self, base, timeout=30):
        url = urllib.parse.urlsplit(base)
        context = ssl._create_unverified_context()
        self.conn = http.client.HTTPSConnection(url.hostname, url.port, timeout=timeout, context=context)

    def post(self, path, body=None, cookie=None):
        """(status, Set-Cookie values by name, parsed JSON body or None)."""
        headers = {"Content-Type": "application/json"}
        if cookie:
            headers["Cookie"] = cookie
        try:
            self.conn.request("POST", path, body=json.dumps(body) if body is not None else "", headers=headers)
            response = self.conn.getresponse()
            data = response.read()
        except Exception:
            self.conn.close()  # the next request opens a new connection
            raise
        cookies = {}
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                cookies[key.strip()] = rest.split(";", 1)[0]
        try:
            parsed = json.loads(data) if data else None
        except ValueError:
            parsed = None
        return response.status, cookies, parsed

    def sign_in(self, user, cookie_mode=False):
        """A new refresh token (a new family) for the demo user."""
        status, cookies, body = self.post("/auth/credentials",
                                          {"userName": user, "password": PASSWORD, "useTokenCookie": cookie_mode})
        if status != 200:
            raise RuntimeError(f"sign-in of {user}: {status} {body}")
        return cookies["ss-reftok"] if cookie_mode else body["refreshToken"]

    def refresh_body(self, token):
        """Status of a body-mode refresh (never rotated)."""
        return self.post("/access-token", {"refreshToken": token})[0]

    def refresh_cookie(self, token):
        """(status, successor or None, error code or None) of a cookie-mode refresh, which rotates."""
        status, cookies, body = self.post("/access-token", cookie="ss-reftok=" + token)
        successor = cookies.get("ss-reftok") or None  # a refused token's cookie is deleted: empty value
        error = (body or {}).get("responseStatus", {}).get("message") if status != 200 else None
        return status, successor, error


def main(args):
    command, base = args[0], args[1]
    client = Client(base)
    if command == "signin":
        for _ in range(int(args[3])):
            print(client.sign_in(args[2]))
        return 0
    token, count = args[2], int(args[3])
    for i in range(count):
        if command == "body":
            status = client.refresh_body(token)
        else:
            status, token, error = client.refresh_cookie(token)
            if status == 200 and not token:
                print(f"refresh {i + 1}: 200 without a successor", file=sys.stderr)
                return 1
        if status != 200:
            print(f"refresh {i + 1}: {status}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
