import AlexaVerification
import Foundation
import SkillCrypto

/// A request body made from one of the repository's samples, with its timestamp, skill id and
/// request id replaced, and the Alexa headers that sign it with the test PKI's leaf key.
struct E2ESignedRequest {
    /// The placeholders the samples under `interaction-model/samples` carry.
    private static let sampleTimestamp = "2026-12-03T18:45:00Z"
    private static let sampleSkillID = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000"

    let requestID: String
    var body: [UInt8]
    var certificateURL: String = E2EChainServer.chainURL

    /// - Parameters:
    ///   - sample: a file name under `interaction-model/samples`.
    ///   - timestamp: `request.timestamp`, whole seconds as Alexa sends it.
    ///   - skillID: replaces the sample's application id everywhere it appears.
    init(
        sample: String,
        timestamp: Date = Date(),
        skillID: String = E2ESkillServer.skillID
    ) throws {
        guard let text = try? String(contentsOf: E2EPaths.sample(sample), encoding: .utf8) else {
            throw E2EError("cannot read sample \(sample)")
        }
        guard let requestIDRange = text.range(of: #"amzn1\.echo-api\.request\.[0-9a-f-]+"#, options: .regularExpression)
        else { throw E2EError("sample \(sample) has no request id") }
        let requestID = "amzn1.echo-api.request.e2e-\(UUID().uuidString.lowercased())"
        var replaced = text.replacingCharacters(in: requestIDRange, with: requestID)
        guard replaced.contains(Self.sampleTimestamp), replaced.contains(Self.sampleSkillID) else {
            throw E2EError("sample \(sample) no longer carries the expected placeholders")
        }
        replaced =
            replaced
            .replacingOccurrences(of: Self.sampleTimestamp, with: Date.ISO8601FormatStyle().format(timestamp))
            .replacingOccurrences(of: Self.sampleSkillID, with: skillID)
        self.requestID = requestID
        self.body = Array(replaced.utf8)
    }

    /// Base64 RSASSA-PKCS1-v1_5 over SHA-256 of `bytes`, with the signing certificate's key.
    static func signature(of bytes: [UInt8], pki: E2EPKI) throws -> String {
        let key = try RSAPrivateKey(pem: pki.signingKeyPEM)
        return Data(try key.sign(bytes, digest: .sha256)).base64EncodedString()
    }

    /// Both Alexa headers, the signature computed over the current body.
    func signedHeaders(pki: E2EPKI) throws -> [String: String] {
        [
            AlexaHeaderName.certificateChainURL: certificateURL,
            AlexaHeaderName.signature256: try Self.signature(of: body, pki: pki),
        ]
    }
}
