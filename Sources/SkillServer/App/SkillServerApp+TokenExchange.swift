import HTTPServer
import TokenExchange

extension SkillServerApp {
    /// The token endpoint refuses larger bodies before reading them.
    static let tokenExchangeBodyLimit = 16 * 1024

    static func tokenExchangeRoute(
        _ settings: TokenExchangeSettings,
        dependencies: Dependencies
    ) throws(SetupError) -> PathRouter.Route {
        let configuration: TokenExchangeConfiguration
        do {
            configuration = try TokenExchangeConfiguration(
                upstreamTokenURL: settings.upstream,
                upstreamTimeout: settings.timeout,
                defaultExpiresIn: settings.defaultExpiresIn,
                maxRequestBodyBytes: tokenExchangeBodyLimit
            )
        } catch {
            throw SetupError("token exchange: \(error)")
        }
        let proxy = TokenExchangeProxy(
            configuration: configuration,
            httpClient: dependencies.tokenUpstreamClient,
            clock: dependencies.clock,
            logger: dependencies.logger.named("token-exchange")
        )
        return PathRouter.Route(method: "POST", path: settings.path, handler: proxy)
    }
}
