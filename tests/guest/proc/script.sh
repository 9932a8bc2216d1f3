#!/bin/showargs -s
