"""The Qt shell: windows, wizard pages, table models and workers. Holds no domain logic."""
