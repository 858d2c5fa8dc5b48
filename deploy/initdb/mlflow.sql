-- MLflow's tracking store, beside Dagster's storage in the same PostgreSQL server
CREATE DATABASE mlflow OWNER flywheel;
