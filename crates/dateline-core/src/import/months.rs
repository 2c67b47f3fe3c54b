//! Month names (filled in below).
