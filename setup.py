# Everything is in pyproject.toml. This file is only for the tools that still run setup.py:
# scrapyd-deploy builds the egg it uploads to Scrapyd with `setup.py bdist_egg`.
from setuptools import setup

setup()
