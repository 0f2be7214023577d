// The SkillServer module; its files arrive with the work that fills it.
