import AlexaSkill
import AlexaVerification
import Foundation
import HTTPServer
import SkillSupport

/// `POST /alexa`: proves the request comes from Alexa, dispatches it to the skill and answers
/// with the response envelope. `replay` runs requests through this same type without HTTP.
struct AlexaEndpoint: HTTPHandler {
    /// How requests are proven to come from Alexa.
    enum Verification: Sendable {
        /// Signature, certificate chain, timestamp and skill id, all checked.
        case verify(AlexaRequestVerifier)
        /// Nothing proven (local development, replay); only the skill id is still compared
        /// when ids are configured. Every request is logged with a marker.
        case skipped(allowedSkillIDs: Set<String>)
    }

    var verification: Verification
    var router: SkillRouter
    var logger: Logger

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        switch verification {
        case .verify(let verifier):
            do {
                _ = try await verifier.verify(body: request.body, headers: request.headers)
            } catch {
                // The verifier has logged the rejection with its reason code.
                return .json(error.httpStatus, error.responseBody)
            }
        case .skipped(let allowedSkillIDs):
            logger.warning("alexa.request.unverified", ["alexa.verification": "skipped"])
            if let refusal = Self.skillIDRefusal(request.body, allowed: allowedSkillIDs) {
                return refusal
            }
        }
        return await dispatch(request.body)
    }

    /// Decodes and dispatches a body that has passed (or skipped) verification.
    func dispatch(_ body: [UInt8]) async -> HTTPResponse {
        switch await router.handle(body: body) {
        case .failure(let error):
            logger.info("alexa.request.malformed", ["alexa.reason": error.code.rawValue])
            return .jsonError(400, code: "malformed_request", message: "The body is not an Alexa request envelope.")
        case .success(let envelope):
            return Self.encode(envelope, logger: logger)
        }
    }

    static func encode(_ envelope: ResponseEnvelope, logger: Logger) -> HTTPResponse {
        do {
            return .json(200, try envelope.encodedJSON())
        } catch {
            // A handler produced something JSON cannot carry (a NaN in a directive, say):
            // the user still hears an apology rather than the request failing.
            logger.error("alexa.response.unencodable", ["error.code": error.code.rawValue])
            let apology = ResponseBuilder.tell(GenericReplies.english.handlerFailure).build()
            return .json(200, (try? apology.encodedJSON()) ?? [])
        }
    }

    /// With verification skipped, configured skill ids are still compared, so a development
    /// server answers only its own skill.
    private static func skillIDRefusal(_ body: [UInt8], allowed: Set<String>) -> HTTPResponse? {
        guard !allowed.isEmpty, let envelope = try? RequestEnvelope.decode(body) else { return nil }
        guard let id = envelope.applicationId, allowed.contains(id) else {
            return .json(400, RequestVerificationError(.skillIDMismatch).responseBody)
        }
        return nil
    }
}

extension HTTPHeaders: AlexaRequestHeaders {}
