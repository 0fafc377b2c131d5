"""What the API delivers, framework-free: public projections, localization, prebuilt bytes."""
