import HTTPServer

extension SkillServerApp {
    static let tokenExchangeBodyLimit = 16 * 1024

    static func tokenExchangeRoute(_ settings: TokenExchangeSettings, dependencies: Dependencies) -> PathRouter.Route {
        PathRouter.Route(method: "POST", path: settings.path, handler: ClosureHTTPHandler { _ in
            .jsonError(501, code: "not_implemented", message: "token exchange is being wired")
        })
    }
}
