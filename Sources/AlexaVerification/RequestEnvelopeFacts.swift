import Foundation

/// The few envelope fields the verifier needs, read only after the signature has been checked.
struct RequestEnvelopeFacts: Sendable {
    var requestType: String
    var timestamp: Date
    /// `context.System.application.applicationId`, else `session.application.applicationId`.
    var applicationID: String?
    var hasSession: Bool

    /// Throws `malformed_request` when the body is not a JSON object with `request.type` and
    /// an ISO 8601 `request.timestamp`.
    init(body: [UInt8]) throws(RequestVerificationError) {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(body))
        } catch {
            throw RequestVerificationError(.malformedRequest, "body is not JSON")
        }
        guard let envelope = parsed as? [String: Any], let request = envelope["request"] as? [String: Any] else {
            throw RequestVerificationError(.malformedRequest, "no request object")
        }
        guard let type = request["type"] as? String, !type.isEmpty else {
            throw RequestVerificationError(.malformedRequest, "no request.type")
        }
        guard let text = request["timestamp"] as? String, let timestamp = Self.parseTimestamp(text) else {
            throw RequestVerificationError(.malformedRequest, "request.timestamp missing or not ISO 8601")
        }

        let session = envelope["session"] as? [String: Any]
        let contextID = Self.applicationID(in: (envelope["context"] as? [String: Any])?["System"])
        requestType = type
        self.timestamp = timestamp
        applicationID = contextID ?? Self.applicationID(in: session)
        hasSession = session != nil
    }

    /// ISO 8601 date-time with a `Z` or numeric offset, with or without fractional seconds.
    static func parseTimestamp(_ text: String) -> Date? {
        guard text.utf8.count <= 64 else { return nil }
        if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }

    private static func applicationID(in object: Any?) -> String? {
        guard let object = object as? [String: Any], let application = object["application"] as? [String: Any],
            let id = application["applicationId"] as? String, !id.isEmpty
        else { return nil }
        return id
    }
}
