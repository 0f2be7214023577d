import AlexaVerification
import Foundation
import SkillCrypto
import SkillSupport
import Testing

@Suite(
    "Request verification with the tests' own PKI",
    .enabled(if: TestPKI.available, "openssl CLI unavailable: \(TestPKI.shared)")
)
struct TestPKIVerificationTests {
    typealias Code = RequestVerificationError.Code

    let pki: TestPKI

    init() throws {
        pki = try TestPKI.get()
    }

    private func signedRequest(_ body: [UInt8], key: TestPKI.Key = .leaf) throws -> RequestHeaderList {
        RequestFixtures.headers(signature256: try pki.sign(body, with: key))
    }

    @Test func goodRequestVerifies() async throws {
        let body = RequestFixtures.envelope()
        let verifier = try RequestFixtures.verifier(pki: pki)
        let verified = try await verifier.verify(body: body, headers: try signedRequest(body))
        #expect(verified.requestType == "IntentRequest")
        #expect(verified.applicationID == RequestFixtures.skillID)
        #expect(verified.hasSession)
        #expect(verified.timestamp == TestPKI.referenceTime)
    }

    @Test func selfSignedLeafIsUntrusted() async throws {
        let body = RequestFixtures.envelope()
        let verifier = try RequestFixtures.verifier(pki: pki, chainPEM: pki.selfSignedLeafPEM)
        let headers = try signedRequest(body, key: .other)
        #expect(await RequestFixtures.rejection(verifier, body: body, headers: headers) == .certUntrusted)
    }

    @Test func flippedByteInLeafSignatureIsUntrusted() async throws {
        let body = RequestFixtures.envelope()
        let chain = try RequestFixtures.flippingLeafSignatureByte(pki.chainPEM)
        let verifier = try RequestFixtures.verifier(pki: pki, chainPEM: chain)
        #expect(
            await RequestFixtures.rejection(verifier, body: body, headers: try signedRequest(body)) == .certUntrusted
        )
    }

    @Test(arguments: ["expired", "not yet valid"])
    func leafOutsideItsValidityIsExpired(_ which: String) async throws {
        let leaf = which == "expired" ? pki.expiredLeafPEM : pki.notYetValidLeafPEM
        let body = RequestFixtures.envelope()
        let verifier = try RequestFixtures.verifier(pki: pki, chainPEM: leaf + pki.intermediatePEM)
        #expect(await RequestFixtures.rejection(verifier, body: body, headers: try signedRequest(body)) == .certExpired)
    }

    @Test func leafWithoutIntermediatesIsUntrusted() async throws {
        let body = RequestFixtures.envelope()
        let verifier = try RequestFixtures.verifier(pki: pki, chainPEM: pki.leafPEM)
        #expect(
            await RequestFixtures.rejection(verifier, body: body, headers: try signedRequest(body)) == .certUntrusted
        )
    }

    @Test func chainToAnotherRootIsUntrusted() async throws {
        let body = RequestFixtures.envelope()
        let trustStore = try TrustStore.anchors(X509Certificate.chain(pem: pki.selfSignedLeafPEM))
        let verifier = AlexaRequestVerifier(
            policy: RequestVerificationPolicy(allowedSkillIDs: [RequestFixtures.skillID]),
            chainProvider: FixedCertificateChainProvider(pem: pki.chainPEM),
            trustStore: trustStore,
            clock: ManualWallClock(TestPKI.referenceTime)
        )
        #expect(
            await RequestFixtures.rejection(verifier, body: body, headers: try signedRequest(body)) == .certUntrusted
        )
    }

    @Test func wrongSubjectAlternativeNameIsANameMismatch() async throws {
        let body = RequestFixtures.envelope()
        let verifier = try RequestFixtures.verifier(pki: pki, chainPEM: pki.wrongNameLeafPEM + pki.intermediatePEM)
        let code = await RequestFixtures.rejection(verifier, body: body, headers: try signedRequest(body))
        #expect(code == .certNameMismatch)
    }

    @Test func bodySignedWithAnotherKeyIsInvalid() async throws {
        let body = RequestFixtures.envelope()
        let verifier = try RequestFixtures.verifier(pki: pki)
        let headers = try signedRequest(body, key: .other)
        #expect(await RequestFixtures.rejection(verifier, body: body, headers: headers) == .signatureInvalid)
    }

    @Test func bodyReserialisedByJSONRoundTripIsInvalid() async throws {
        let body = RequestFixtures.envelope()
        let headers = try signedRequest(body)
        let object = try JSONSerialization.jsonObject(with: Data(body))
        let reserialised = Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
        #expect(reserialised != body)

        let verifier = try RequestFixtures.verifier(pki: pki)
        #expect(await RequestFixtures.rejection(verifier, body: reserialised, headers: headers) == .signatureInvalid)
    }

    @Test(arguments: [(-151.0, false), (-149.0, true), (149.0, true), (151.0, false)])
    func timestampTolerance(offset: Double, accepted: Bool) async throws {
        // offset > 0: the request was made `offset` seconds before now; < 0: it claims the future.
        let body = RequestFixtures.envelope(timestamp: TestPKI.referenceTime.addingTimeInterval(-offset))
        let verifier = try RequestFixtures.verifier(pki: pki)
        let code = await RequestFixtures.rejection(verifier, body: body, headers: try signedRequest(body))
        #expect(code == (accepted ? nil : .timestampOutOfRange))
    }

    @Test(arguments: [(59.0 * 60, true), (61.0 * 60, false), (-151.0, false)])
    func skillEventsMayBeAnHourOld(age: Double, accepted: Bool) async throws {
        let body = RequestFixtures.envelope(
            type: "AlexaSkillEvent.SkillEnabled",
            timestamp: TestPKI.referenceTime.addingTimeInterval(-age),
            sessionSkillID: nil
        )
        let verifier = try RequestFixtures.verifier(pki: pki)
        let code = await RequestFixtures.rejection(verifier, body: body, headers: try signedRequest(body))
        #expect(code == (accepted ? nil : .timestampOutOfRange))
    }

    @Test func ordinaryRequestIsNotGivenTheSkillEventTolerance() async throws {
        let body = RequestFixtures.envelope(timestamp: TestPKI.referenceTime.addingTimeInterval(-59 * 60))
        let verifier = try RequestFixtures.verifier(pki: pki)
        let code = await RequestFixtures.rejection(verifier, body: body, headers: try signedRequest(body))
        #expect(code == .timestampOutOfRange)
    }

    @Test(arguments: ["2026-06-01T00:00:00.123Z", "2026-06-01T00:00:00Z", "2026-06-01T02:00:00+02:00"])
    func timestampFormatsAccepted(_ timestamp: String) async throws {
        let text = String(decoding: RequestFixtures.envelope(), as: UTF8.self)
            .replacingOccurrences(of: "2026-06-01T00:00:00Z", with: timestamp)
        let body = Array(text.utf8)
        let verifier = try RequestFixtures.verifier(pki: pki)
        #expect(await RequestFixtures.rejection(verifier, body: body, headers: try signedRequest(body)) == nil)
    }

    @Test(arguments: ["1780272000", "2026-06-01 00:00:00", "yesterday", ""])
    func unreadableTimestampIsMalformed(_ timestamp: String) async throws {
        let text = String(decoding: RequestFixtures.envelope(), as: UTF8.self)
            .replacingOccurrences(of: "2026-06-01T00:00:00Z", with: timestamp)
        let body = Array(text.utf8)
        let verifier = try RequestFixtures.verifier(pki: pki)
        #expect(
            await RequestFixtures.rejection(verifier, body: body, headers: try signedRequest(body)) == .malformedRequest
        )
    }

    @Test func signedBodyThatIsNotJSONIsMalformed() async throws {
        let body = Array("not json at all".utf8)
        let verifier = try RequestFixtures.verifier(pki: pki)
        #expect(
            await RequestFixtures.rejection(verifier, body: body, headers: try signedRequest(body)) == .malformedRequest
        )
    }

    @Test func skillIDMismatchIsRejected() async throws {
        let other = "amzn1.ask.skill.someone-else"
        let body = RequestFixtures.envelope(sessionSkillID: other, contextSkillID: other)
        let verifier = try RequestFixtures.verifier(pki: pki)
        #expect(
            await RequestFixtures.rejection(verifier, body: body, headers: try signedRequest(body)) == .skillIDMismatch
        )
    }

    @Test func contextSkillIDTakesPrecedenceOverSession() async throws {
        let accepted = RequestFixtures.envelope(sessionSkillID: "amzn1.ask.skill.other")
        let rejected = RequestFixtures.envelope(contextSkillID: "amzn1.ask.skill.other")
        let verifier = try RequestFixtures.verifier(pki: pki)
        #expect(await RequestFixtures.rejection(verifier, body: accepted, headers: try signedRequest(accepted)) == nil)
        let code = await RequestFixtures.rejection(verifier, body: rejected, headers: try signedRequest(rejected))
        #expect(code == .skillIDMismatch)
    }

    @Test func sessionSkillIDIsUsedWithoutContext() async throws {
        let body = RequestFixtures.envelope(contextSkillID: nil)
        let verifier = try RequestFixtures.verifier(pki: pki)
        #expect(await RequestFixtures.rejection(verifier, body: body, headers: try signedRequest(body)) == nil)
    }

    @Test func requestWithoutSkillIDIsAMismatch() async throws {
        let body = RequestFixtures.envelope(sessionSkillID: nil, contextSkillID: nil)
        let verifier = try RequestFixtures.verifier(pki: pki)
        #expect(
            await RequestFixtures.rejection(verifier, body: body, headers: try signedRequest(body)) == .skillIDMismatch
        )
    }

    @Test func requestWithoutSessionIsValid() async throws {
        let body = RequestFixtures.envelope(type: "AudioPlayer.PlaybackStarted", sessionSkillID: nil)
        let verifier = try RequestFixtures.verifier(pki: pki)
        let verified = try await verifier.verify(body: body, headers: try signedRequest(body))
        #expect(!verified.hasSession)
        #expect(verified.applicationID == RequestFixtures.skillID)
    }

    @Test func oversizedBodyIsRefusedBeforeAnythingElse() async throws {
        let body = RequestFixtures.envelope()
        let provider = CountingChainProvider(pem: pki.chainPEM)
        let trustStore = try TrustStore.anchors(X509Certificate.chain(pem: pki.rootPEM))
        let policy = RequestVerificationPolicy(allowedSkillIDs: [RequestFixtures.skillID], maxBodyBytes: body.count - 1)
        let verifier = AlexaRequestVerifier(
            policy: policy,
            chainProvider: provider,
            trustStore: trustStore,
            clock: ManualWallClock(TestPKI.referenceTime)
        )
        let headers = RequestFixtures.headers(certURL: "http://evil.example/x.pem")
        #expect(await RequestFixtures.rejection(verifier, body: body, headers: headers) == .bodyTooLarge)
        #expect(provider.callCount == 0)
        #expect(RequestVerificationError(.bodyTooLarge).httpStatus == 413)
    }

    @Test func defaultBodyCapIs128KiB() {
        #expect(RequestVerificationPolicy(allowedSkillIDs: []).maxBodyBytes == 131_072)
        #expect(!RequestVerificationPolicy(allowedSkillIDs: []).allowSHA1Signature)
    }

    @Test func invalidCertificateURLIsRefusedBeforeAnyFetch() async throws {
        let body = RequestFixtures.envelope()
        let provider = CountingChainProvider(pem: pki.chainPEM)
        let trustStore = try TrustStore.anchors(X509Certificate.chain(pem: pki.rootPEM))
        let verifier = AlexaRequestVerifier(
            policy: RequestVerificationPolicy(allowedSkillIDs: [RequestFixtures.skillID]),
            chainProvider: provider,
            trustStore: trustStore,
            clock: ManualWallClock(TestPKI.referenceTime)
        )
        let headers = RequestFixtures.headers(
            certURL: "https://s3.amazonaws.com/EcHo.aPi/echo-api-cert-test.pem",
            signature256: try pki.sign(body)
        )
        #expect(await RequestFixtures.rejection(verifier, body: body, headers: headers) == .certURLInvalid)
        #expect(provider.callCount == 0)
    }

    // MARK: Missing and duplicate headers

    @Test func missingCertificateURLHeader() async throws {
        let body = RequestFixtures.envelope()
        let verifier = try RequestFixtures.verifier(pki: pki)
        let headers = RequestFixtures.headers(certURL: nil, signature256: try pki.sign(body))
        #expect(await RequestFixtures.rejection(verifier, body: body, headers: headers) == .certURLInvalid)
    }

    @Test func duplicateCertificateURLHeader() async throws {
        let body = RequestFixtures.envelope()
        let verifier = try RequestFixtures.verifier(pki: pki)
        var headers = try signedRequest(body)
        headers.fields.append(("signaturecertchainurl", RequestFixtures.certURL))
        #expect(await RequestFixtures.rejection(verifier, body: body, headers: headers) == .certURLInvalid)
    }

    @Test func duplicateSignature256Header() async throws {
        let body = RequestFixtures.envelope()
        let verifier = try RequestFixtures.verifier(pki: pki)
        let signature = try pki.sign(body)
        var headers = RequestFixtures.headers(signature256: signature)
        headers.fields.append(("SIGNATURE-256", signature))
        #expect(await RequestFixtures.rejection(verifier, body: body, headers: headers) == .signatureInvalid)
    }

    @Test func headerNamesAreCaseInsensitive() async throws {
        let body = RequestFixtures.envelope()
        let verifier = try RequestFixtures.verifier(pki: pki)
        let headers = RequestHeaderList([
            ("signaturecertchainurl", RequestFixtures.certURL), ("signature-256", try pki.sign(body)),
        ])
        #expect(await RequestFixtures.rejection(verifier, body: body, headers: headers) == nil)
    }

    @Test func sha1SignatureIsIgnoredUnlessAllowed() async throws {
        let body = RequestFixtures.envelope()
        let headers = RequestFixtures.headers(signature: try pki.sign(body, digest: "sha1"))
        let strict = try RequestFixtures.verifier(pki: pki)
        #expect(await RequestFixtures.rejection(strict, body: body, headers: headers) == .signatureMissing)

        let lenient = try RequestFixtures.verifier(
            pki: pki,
            policy: RequestVerificationPolicy(allowedSkillIDs: [RequestFixtures.skillID], allowSHA1Signature: true)
        )
        #expect(await RequestFixtures.rejection(lenient, body: body, headers: headers) == nil)
    }

    @Test func signature256WinsOverAValidSHA1Signature() async throws {
        let body = RequestFixtures.envelope()
        let headers = RequestFixtures.headers(
            signature256: try pki.sign(body, with: .other),
            signature: try pki.sign(body, digest: "sha1")
        )
        let verifier = try RequestFixtures.verifier(
            pki: pki,
            policy: RequestVerificationPolicy(allowedSkillIDs: [RequestFixtures.skillID], allowSHA1Signature: true)
        )
        #expect(await RequestFixtures.rejection(verifier, body: body, headers: headers) == .signatureInvalid)
    }

    @Test func sha256SignatureInTheLegacyHeaderFails() async throws {
        let body = RequestFixtures.envelope()
        let headers = RequestFixtures.headers(signature: try pki.sign(body))
        let verifier = try RequestFixtures.verifier(
            pki: pki,
            policy: RequestVerificationPolicy(allowedSkillIDs: [RequestFixtures.skillID], allowSHA1Signature: true)
        )
        #expect(await RequestFixtures.rejection(verifier, body: body, headers: headers) == .signatureInvalid)
    }

    // MARK: Amazon's certification checks

    @Test func certificationEmptySignature() async throws {
        let body = RequestFixtures.envelope()
        let verifier = try RequestFixtures.verifier(pki: pki)
        let headers = RequestFixtures.headers(signature256: "")
        #expect(await RequestFixtures.rejection(verifier, body: body, headers: headers) == .signatureMissing)
    }

    @Test func certificationNoSignatureHeader() async throws {
        let body = RequestFixtures.envelope()
        let verifier = try RequestFixtures.verifier(pki: pki)
        #expect(
            await RequestFixtures.rejection(verifier, body: body, headers: RequestFixtures.headers())
                == .signatureMissing
        )
    }

    @Test func certificationWrongCertificateURL() async throws {
        // A well-formed Amazon URL whose chain cannot be obtained (nothing is published there).
        let body = RequestFixtures.envelope()
        let cache = CertificateChainCache(httpClient: FakeHTTPClient(status: 404, body: []))
        let verifier = AlexaRequestVerifier(
            policy: RequestVerificationPolicy(allowedSkillIDs: [RequestFixtures.skillID]),
            chainProvider: cache,
            trustStore: try TrustStore.anchors(X509Certificate.chain(pem: pki.rootPEM)),
            clock: ManualWallClock(TestPKI.referenceTime)
        )
        let headers = RequestFixtures.headers(
            certURL: "https://s3.amazonaws.com/echo.api/no-such-cert.pem",
            signature256: try pki.sign(body)
        )
        #expect(await RequestFixtures.rejection(verifier, body: body, headers: headers) == .certFetchFailed)
    }

    @Test func certificationInvalidCertificateURL() async throws {
        let body = RequestFixtures.envelope()
        let verifier = try RequestFixtures.verifier(pki: pki)
        let headers = RequestFixtures.headers(
            certURL: "http://s3.amazonaws.com/echo.api/echo-api-cert-test.pem",
            signature256: try pki.sign(body)
        )
        #expect(await RequestFixtures.rejection(verifier, body: body, headers: headers) == .certURLInvalid)
    }

    @Test(arguments: ["not base64 at all!", Data(repeating: 0x5A, count: 256).base64EncodedString()])
    func certificationInvalidSignature(_ signature: String) async throws {
        let body = RequestFixtures.envelope()
        let verifier = try RequestFixtures.verifier(pki: pki)
        let headers = RequestFixtures.headers(signature256: signature)
        #expect(await RequestFixtures.rejection(verifier, body: body, headers: headers) == .signatureInvalid)
    }

    // MARK: Logging

    @Test func rejectionIsLoggedWithItsCodeAndWithoutTheSignature() async throws {
        let body = RequestFixtures.envelope()
        let sink = InMemoryLogSink()
        let verifier = try RequestFixtures.verifier(pki: pki, sink: sink)
        let signature = try pki.sign(body, with: .other)
        let code = await RequestFixtures.rejection(
            verifier,
            body: body,
            headers: RequestFixtures.headers(signature256: signature)
        )
        #expect(code == .signatureInvalid)

        let rejections = sink.records.filter { $0.event == "alexa.request.rejected" }
        #expect(rejections.count == 1)
        #expect(rejections.first?.metadata["alexa.reason"] == "signature_invalid")
        #expect(!sink.text.contains(signature))
        #expect(!sink.text.contains(String(signature.prefix(24))))
    }

    @Test func responseBodyNamesTheReason() {
        let body = String(decoding: RequestVerificationError(.certExpired, "detail").responseBody, as: UTF8.self)
        #expect(body == #"{"error":"request_not_verified","reason":"cert_expired"}"#)
        #expect(RequestVerificationError(.certExpired).httpStatus == 400)
    }
}
