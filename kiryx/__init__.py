"""Kiryx: configuration, content model, command line and publish pipeline of the press office's site."""
