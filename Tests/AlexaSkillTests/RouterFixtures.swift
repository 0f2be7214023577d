import Foundation
import Synchronization
import Testing

@testable import AlexaSkill

/// A token checker with canned answers that counts how often it is asked.
final class StubTokenChecker: AccessTokenChecker {
    private let answers: [String: AccountLinkStatus]
    private let asked = Mutex(0)

    init(_ answers: [String: AccountLinkStatus]) {
        self.answers = answers
    }

    func check(accessToken: String) async -> AccountLinkStatus {
        asked.withLock { $0 += 1 }
        return answers[accessToken] ?? .invalid(reason: "unknown_token")
    }

    var calls: Int { asked.withLock { $0 } }
}

/// Counts handler calls across concurrent code.
final class CallCounter: Sendable {
    private let count = Mutex(0)

    func hit() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}

struct HandlerFailure: Error {}

enum RouterFixtures {
    static let timestamp = AlexaTimestamp(rawValue: "2026-01-01T00:00:00Z")

    /// An envelope with the given request and, when set, an access token in `context.System.user`.
    static func envelope(
        _ kind: RequestKind,
        type: String,
        token: String? = nil,
        locale: String? = "en-US"
    )
        -> RequestEnvelope
    {
        RequestEnvelope(
            session: Session(isNew: true, sessionId: "session-1", user: User(userId: "user-1")),
            context: RequestContext(system: SystemState(user: User(userId: "user-1", accessToken: token))),
            request: Request(type: type, requestId: "request-1", timestamp: timestamp, locale: locale, kind: kind)
        )
    }

    static func intent(_ name: String, token: String? = nil, locale: String? = "en-US") -> RequestEnvelope {
        let kind = RequestKind.intent(IntentRequest(intent: Intent(name: name)))
        return envelope(kind, type: "IntentRequest", token: token, locale: locale)
    }

    static func launch(token: String? = nil) -> RequestEnvelope {
        envelope(.launch, type: "LaunchRequest", token: token)
    }

    static func sessionEnded() -> RequestEnvelope {
        envelope(.sessionEnded(SessionEndedRequest(reason: .userInitiated)), type: "SessionEndedRequest")
    }

    static func unsupported(_ type: String) -> RequestEnvelope {
        envelope(.unsupported(type: type, payload: ["type": .string(type)]), type: type)
    }

    static func speech(_ text: String) -> OutputSpeech {
        .ssml(SSML.speak(text: text))
    }
}
