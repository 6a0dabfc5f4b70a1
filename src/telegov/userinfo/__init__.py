"""User information (利用者情報): the register, contractors and countries, the generated information handling
policy and rules, the chief manager and the annual self-assessment (Act Arts. 27-5 to 27-11)."""
