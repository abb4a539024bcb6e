"""``python -m support.spin``: a child that never finishes, burning CPU (for the offload tests)."""

from meedoen.offload import limit_child

if __name__ == "__main__":
    limit_child()
    while True:
        pass
