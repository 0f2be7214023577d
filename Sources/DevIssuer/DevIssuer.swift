// The DevIssuer module; its files arrive with the work that fills it.
