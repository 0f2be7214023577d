/// Asks the token checker at most once per request, and only when someone needs the answer.
actor AccountStatusResolver {
    private let accessToken: String?
    private let checker: (any AccessTokenChecker)?
    private var pending: Task<AccountLinkStatus, Never>?

    init(accessToken: String?, checker: (any AccessTokenChecker)?) {
        self.accessToken = accessToken
        self.checker = checker
    }

    /// A resolver that already knows the answer (for tests and callers that checked elsewhere).
    init(known status: AccountLinkStatus) {
        self.accessToken = nil
        self.checker = nil
        self.pending = Task { status }
    }

    func status() async -> AccountLinkStatus {
        if let pending {
            return await pending.value
        }

        let token = accessToken
        let checker = checker
        let task = Task<AccountLinkStatus, Never> {
            guard let token else { return .missing }

            // A token nobody can verify is not a linked account.
            guard let checker else { return .invalid(reason: "no_token_checker") }
            return await checker.check(accessToken: token)
        }
        pending = task
        return await task.value
    }
}
