// The WhatShouldIWear module; its files arrive with the work that fills it.
