// The AccessToken module; its files arrive with the work that fills it.
