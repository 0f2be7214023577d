/// What the skill says outside the weather answer itself: welcome, help and goodbye.
public enum SkillPhrases {
    public static let welcome =
        "Welcome to Wardrobe Helper. Ask me what to wear, for example: what should I wear in London?"
    public static let welcomeReprompt = "Which city are you dressing for?"
    public static let help =
        "I look up the weather and tell you what to wear. Say: what should I wear, "
        + "or name a city, as in: what should I wear in Berlin?"
    public static let helpReprompt = "Which city should I check?"
    public static let goodbye = "Goodbye, and dress well."
    public static let fallback =
        "Sorry, I can only help with what to wear. Try: what should I wear in Seattle?"
    public static let cardTitle = "What to wear"
}
