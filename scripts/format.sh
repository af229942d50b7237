#!/usr/bin/env bash
# Formats the Swift sources with the checked-in .swift-format (4 spaces, 120 columns).
set -euo pipefail
cd "$(dirname "$0")/.."
swift format --in-place --recursive Sources Tests Package.swift
