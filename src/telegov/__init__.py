"""telegov: governance under Japan's Telecommunications Business Act."""

__version__ = "0.1.0"
