import HTTPServer

/// A token request that passed the proxy's checks, ready to go upstream.
struct ForwardedTokenRequest: Sendable, Equatable {
    /// How the client authenticated, named in logs.
    enum ClientAuthentication: String, Sendable {
        case basic
        case requestBody = "request_body"
        case none
    }

    var grant: GrantType
    var authentication: ClientAuthentication
    /// The form body for the upstream: every received segment byte for byte, minus body
    /// credentials that duplicate a Basic header.
    var body: [UInt8]
    /// The re-encoded Basic header value when the client used Basic.
    var authorization: String?

    /// Checks `request` against RFC 6749 sections 2.3.1 and 3.2 and builds the upstream request.
    ///
    /// Parameters pass through unchanged, extension parameters included; the proxy only refuses
    /// what the upstream could not process correctly either. When the client authenticated with
    /// Basic and repeated identical credentials in the body, the body copies are dropped, since
    /// section 2.3 forbids more than one authentication method in a request.
    init(_ request: HTTPRequest, maxBodyBytes: Int) throws(TokenRequestRejection) {
        guard request.method.uppercased() == "POST" else { throw TokenRequestRejection(.methodNotAllowed) }
        guard request.body.count <= maxBodyBytes else { throw TokenRequestRejection(.bodyTooLarge) }
        guard FormContentType.accepts(request.headers["Content-Type"]) else {
            throw TokenRequestRejection(.unsupportedMediaType)
        }

        guard let fields = FormURLEncoding.parse(request.body) else { throw TokenRequestRejection(.malformedBody) }
        var values: [String: String] = [:]
        var seen: Set<String> = []
        for field in fields {
            // Section 3.2: parameters MUST NOT be included more than once.
            guard seen.insert(field.name).inserted else { throw TokenRequestRejection(.repeatedParameter) }

            // Sections 3.1 and 3.2: a parameter without a value is treated as omitted.
            if !field.value.isEmpty { values[field.name] = field.value }
        }

        guard let grantName = values["grant_type"] else { throw TokenRequestRejection(.missingGrantType) }
        guard let grant = GrantType(rawValue: grantName) else { throw TokenRequestRejection(.unsupportedGrantType) }
        for name in grant.requiredParameters where values[name] == nil {
            throw TokenRequestRejection(.missingParameter, grant: grant)
        }

        let basic = try Self.basicCredentials(request.headers, grant: grant)
        self.grant = grant
        guard let basic else {
            authentication = values["client_id"] == nil && values["client_secret"] == nil ? .none : .requestBody
            body = request.body
            authorization = nil
            return
        }

        let bodyID = values["client_id"], bodySecret = values["client_secret"]
        let basicSecret = basic.secret.flatMap { $0.isEmpty ? nil : $0 }
        guard bodyID == nil || bodyID == basic.id, bodySecret == nil || bodySecret == basicSecret else {
            throw TokenRequestRejection(.conflictingCredentials, grant: grant)
        }

        authentication = .basic
        authorization = BasicClientAuthentication.headerValue(for: basic)
        let credentialNames: Set = ["client_id", "client_secret"]
        if fields.contains(where: { credentialNames.contains($0.name) }) {
            let kept = fields.filter { !credentialNames.contains($0.name) }.map(\.raw)
            body = Array(kept.joined(separator: [UInt8(ascii: "&")]))
        } else {
            body = request.body
        }
    }

    private static func basicCredentials(
        _ headers: HTTPHeaders,
        grant: GrantType
    ) throws(TokenRequestRejection) -> ClientCredentials? {
        let values = headers.values("Authorization")
        guard let value = values.first else { return nil }
        guard values.count == 1 else { throw TokenRequestRejection(.repeatedAuthorization, grant: grant) }

        switch BasicClientAuthentication.decode(value) {
        case .success(let credentials):
            return credentials
        case .failure(.unsupportedScheme):
            throw TokenRequestRejection(.unsupportedAuthorizationScheme, grant: grant)
        case .failure(.malformed):
            throw TokenRequestRejection(.malformedAuthorization, grant: grant)
        }
    }
}
