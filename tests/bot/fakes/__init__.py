"""Loopback stand-ins for the platforms (Telegram Bot API, Facebook Graph API) and for the tutor
core, shared by the channel tests and benchmarks/channels_load.py."""
