# Shared settings for the helper scripts; each can be overridden from the environment.
# Sourced, not run.
: "${ISSUER_PORT:=9411}"
: "${SERVER_PORT:=8080}"
: "${AUDIENCE:=what-should-i-wear}"
: "${DEV_DIR:=.dev}"
: "${ISSUER_URL:=http://127.0.0.1:${ISSUER_PORT}/}"
: "${SKILL_ID:=amzn1.ask.skill.00000000-0000-0000-0000-000000000000}"
SKILL_SERVER="${SKILL_SERVER:-.build/debug/skill-server}"
