"""Small widgets the wizard pages are built from."""
