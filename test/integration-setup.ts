// Integration tests start servers and talk to the real Redis and Postgres: jest's 5 s default is too short.
jest.setTimeout(60_000);
