import pytest

from telegov.core.validators import corporate_number_error


@pytest.mark.parametrize("number", ["7000012050002", "2000012020001"])
def test_valid_corporate_numbers(number):
    assert corporate_number_error(number) is None


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("8000012050002", "check digit"),
        ("700001205000", "13 digits"),
        ("70000120500021", "13 digits"),
        ("70000120500a2", "13 digits"),
    ],
)
def test_invalid_corporate_numbers(number, message):
    assert message in corporate_number_error(number)
