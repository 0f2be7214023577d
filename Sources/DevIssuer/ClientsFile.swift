import Foundation

/// The `--clients FILE` format: a JSON array of
/// `{"client_id": …, "client_secret": …, "redirect_uris": […], "scopes": […]}`.
public enum ClientsFile {
    /// Clients files larger than this are refused before decoding.
    static let maximumFileBytes = 1024 * 1024

    /// Reads and checks the clients in the file at `path`.
    public static func load(path: String) throws(DevIssuerError) -> [RegisteredClient] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DevIssuerError(.clientsFileUnavailable, "cannot read \(path)")
        }
        guard data.count <= maximumFileBytes else {
            throw DevIssuerError(.invalidClients, "\(path) is larger than \(maximumFileBytes) bytes")
        }
        return try parse(Array(data), source: path)
    }

    /// Decodes and checks a clients document; `source` names it in errors.
    public static func parse(
        _ bytes: [UInt8],
        source: String = "clients"
    ) throws(DevIssuerError)
        -> [RegisteredClient]
    {
        let entries: [Entry]
        do {
            entries = try JSONDecoder().decode([Entry].self, from: Data(bytes))
        } catch {
            throw DevIssuerError(.invalidClients, "\(source) is not a JSON array of clients: \(Self.reason(error))")
        }
        let clients = entries.map {
            RegisteredClient(id: $0.clientID, secret: $0.clientSecret, redirectURIs: $0.redirectURIs, scopes: $0.scopes)
        }
        try ClientRegistry.check(clients, source: source)
        return clients
    }

    /// The decoding failure without values from the file (a secret could be among them).
    private static func reason(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "unreadable" }
        switch decoding {
        case .keyNotFound(let key, _): return "missing \(key.stringValue)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case .dataCorrupted: return "malformed JSON"
        @unknown default: return "unreadable"
        }
    }

    private struct Entry: Decodable {
        var clientID: String
        var clientSecret: String
        var redirectURIs: [String]
        var scopes: [String]

        enum CodingKeys: String, CodingKey {
            case clientID = "client_id"
            case clientSecret = "client_secret"
            case redirectURIs = "redirect_uris"
            case scopes
        }
    }
}
