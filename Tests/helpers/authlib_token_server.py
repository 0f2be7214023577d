"""A real OAuth 2.0 authorization server (Authlib on Flask) on 127.0.0.1, for the token-exchange
tests. Not production code.

Prints the chosen port on the first line of stdout, then serves until killed:
  POST /oauth/token   authorization_code, refresh_token (rotating) and client_credentials,
                      client_secret_basic or client_secret_post;
  GET  /authorize     approves at once and answers {"location": <redirect with code>} as JSON,
                      so a client that follows no redirects can read the code.
Access tokens are HS256 JWTs that live ACCESS_TOKEN_SECONDS. With --omit-expires-in-on-refresh
the refresh answers carry no expires_in, reproducing the provider bug the proxy works around.
"""

import argparse
import os
import secrets
import signal
import sys
import threading
import time

os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"  # plain http on loopback only

import jwt
from authlib.integrations.flask_oauth2 import AuthorizationServer
from authlib.oauth2.rfc6749 import ClientMixin, grants
from authlib.oauth2.rfc6750 import BearerTokenGenerator
from flask import Flask, jsonify, request
from werkzeug.serving import make_server

CLIENT_ID = "alexa-skill"
CLIENT_SECRET = "s3cr+t/with:reserved%chars="
REDIRECT_URI = "https://pitangui.amazon.com/api/skill/link/M2AAAAAAAAAAAA"
ACCESS_TOKEN_SECONDS = 600
SIGNING_KEY = "test-only-signing-key-for-loopback-issuer-000000"


class Client(ClientMixin):
    def get_client_id(self):
        return CLIENT_ID

    def get_default_redirect_uri(self):
        return REDIRECT_URI

    def get_allowed_scope(self, scope):
        return " ".join(s for s in (scope or "").split() if s in ("profile", "read"))

    def check_redirect_uri(self, redirect_uri):
        return redirect_uri == REDIRECT_URI

    def check_client_secret(self, client_secret):
        return secrets.compare_digest(client_secret or "", CLIENT_SECRET)

    def check_endpoint_auth_method(self, method, endpoint):
        return method in ("client_secret_basic", "client_secret_post")

    def check_response_type(self, response_type):
        return response_type == "code"

    def check_grant_type(self, grant_type):
        return grant_type in ("authorization_code", "refresh_token", "client_credentials")


class Code:
    def __init__(self, code, redirect_uri, scope):
        self.code, self.redirect_uri, self.scope = code, redirect_uri, scope

    def get_redirect_uri(self):
        return self.redirect_uri

    def get_scope(self):
        return self.scope


class Token:
    def __init__(self, refresh_token, scope):
        self.refresh_token, self.scope, self.revoked = refresh_token, scope, False

    def check_client(self, client):
        return client.get_client_id() == CLIENT_ID

    def get_scope(self):
        return self.scope

    def get_expires_in(self):
        return ACCESS_TOKEN_SECONDS

    def is_expired(self):
        return False

    def is_revoked(self):
        return self.revoked


CLIENT = Client()
CODES = {}
REFRESH_TOKENS = {}
USER = object()


class AuthorizationCodeGrant(grants.AuthorizationCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]

    def save_authorization_code(self, code, req):
        CODES[code] = Code(code, req.payload.redirect_uri, req.payload.scope)

    def query_authorization_code(self, code, client):
        return CODES.get(code)

    def delete_authorization_code(self, authorization_code):
        CODES.pop(authorization_code.code, None)

    def authenticate_user(self, authorization_code):
        return USER


class RefreshTokenGrant(grants.RefreshTokenGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]
    INCLUDE_NEW_REFRESH_TOKEN = True

    def authenticate_refresh_token(self, refresh_token):
        token = REFRESH_TOKENS.get(refresh_token)
        return token if token and not token.revoked else None

    def authenticate_user(self, refresh_token):
        return USER

    def revoke_old_credential(self, refresh_token):
        refresh_token.revoked = True


class ClientCredentialsGrant(grants.ClientCredentialsGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--omit-expires-in-on-refresh", action="store_true")
    options = parser.parse_args()

    app = Flask(__name__)

    def query_client(client_id):
        return CLIENT if client_id == CLIENT_ID else None

    def save_token(token, req):
        if "refresh_token" in token:
            REFRESH_TOKENS[token["refresh_token"]] = Token(token["refresh_token"], token.get("scope", ""))

    server = AuthorizationServer(app, query_client=query_client, save_token=save_token)

    def access_token(client, grant_type, user, scope):
        now = int(time.time())
        claims = {"iss": "authlib-loopback", "sub": "user-1", "iat": now, "exp": now + ACCESS_TOKEN_SECONDS}
        return jwt.encode(claims, SIGNING_KEY, algorithm="HS256")

    def expires_in(client, grant_type):
        if grant_type == "refresh_token" and options.omit_expires_in_on_refresh:
            return 0  # Authlib leaves expires_in out when it is falsy
        return ACCESS_TOKEN_SECONDS

    server.register_token_generator(
        "default",
        BearerTokenGenerator(access_token, lambda **_: secrets.token_urlsafe(24), expires_in),
    )
    server.register_grant(AuthorizationCodeGrant)
    server.register_grant(RefreshTokenGrant)
    server.register_grant(ClientCredentialsGrant)

    @app.post("/oauth/token")
    def token():
        return server.create_token_response()

    @app.get("/authorize")
    def authorize():
        response = server.create_authorization_response(grant_user=USER)
        return jsonify(location=response.headers.get("Location"), status=response.status_code)

    # The test process may spawn us with SIGTERM blocked; unblock it, and also stop when the
    # parent closes our stdin, so no helper outlives its test.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()

    http = make_server("127.0.0.1", 0, app)
    print(http.server_port, flush=True)
    http.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
