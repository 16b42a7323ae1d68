#!/bin/sh
# Writes deploy/secrets/* once (owner-only files): random passwords and tokens, and an empty file
# for each platform token you fill in yourself (an empty one turns its channel off). Never
# overwrites a file that exists.
set -eu
cd "$(dirname "$0")"
umask 077
mkdir -p secrets
random() { od -An -N32 -tx1 /dev/urandom | tr -d ' \n'; }
write() {   # write NAME VALUE: only when secrets/NAME does not exist yet
  if [ -e "secrets/$1" ]; then echo "kept    secrets/$1"; else printf '%s' "$2" > "secrets/$1"; echo "wrote   secrets/$1"; fi
}
write postgres_password "$(random)"
write tutorbot_db "postgresql://tutorbot:$(cat secrets/postgres_password)@db:5432/tutorbot"
write tutorbot_api_token "$(random)"
write tutorbot_cookie_secret "$(random)"
write telegram_secret_token "$(random)"
for name in telegram_bot_token messenger_page_token messenger_app_secret messenger_verify_token; do
  write "$name" ""
done
echo "Now put your bot's token from @BotFather into deploy/secrets/telegram_bot_token."
