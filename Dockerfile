# The official Odoo 18.0 image plus what the addons and their tests need.
FROM odoo:18.0

USER root
# phonenumbers is not in the official image; python3-venv lets ./run-tests
# install its lint and test tools inside the container.
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3-pip python3-venv \
    && pip3 install --no-cache-dir --break-system-packages "phonenumbers>=8.13" \
    && rm -rf /var/lib/apt/lists/*
USER odoo
