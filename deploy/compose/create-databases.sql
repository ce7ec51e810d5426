-- One database per stateful service; each service migrates its own schema at start-up.
CREATE DATABASE link_service;
CREATE DATABASE token_service;
CREATE DATABASE waba_provisioner;
CREATE DATABASE partner_webhooks;
