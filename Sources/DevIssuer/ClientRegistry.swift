/// The registered clients by `client_id`.
struct ClientRegistry: Sendable {
    private let clients: [String: RegisteredClient]

    /// Checks every client (see `check`) and indexes them.
    init(_ clients: [RegisteredClient]) throws(DevIssuerError) {
        try Self.check(clients, source: "configuration")
        var index: [String: RegisteredClient] = [:]
        for client in clients { index[client.id] = client }
        self.clients = index
    }

    func client(id: String) -> RegisteredClient? {
        clients[id]
    }

    /// At least one client, unique identifiers, and each client usable.
    static func check(_ clients: [RegisteredClient], source: String) throws(DevIssuerError) {
        guard !clients.isEmpty else { throw DevIssuerError(.invalidClients, "\(source) registers no client") }
        var seen: Set<String> = []
        for client in clients {
            if let problem = client.problem() { throw DevIssuerError(.invalidClients, "\(source): \(problem)") }
            guard seen.insert(client.id).inserted else {
                throw DevIssuerError(.invalidClients, "\(source): client_id \(client.id) is registered twice")
            }
        }
    }
}
