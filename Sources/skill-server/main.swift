print("skill-server: not wired yet")
