"""The published form of images: stripped originals, responsive renditions, social cards (cached by content)."""
