"""The Filter Lab tab."""
